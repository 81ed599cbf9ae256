"""Seed the outlets that stories most often credit; editors add more in the admin."""

from django.db import migrations

OUTLETS = [
    ("The New York Times", "https://www.nytimes.com", ["New York Times", "NYT", "NY Times"]),
    ("The Guardian", "https://www.theguardian.com", ["Guardian"]),
    ("The Washington Post", "https://www.washingtonpost.com", ["Washington Post"]),
    ("The Wall Street Journal", "https://www.wsj.com", ["Wall Street Journal", "WSJ"]),
    ("Reuters", "https://www.reuters.com", []),
    ("Associated Press", "https://apnews.com", ["AP", "The Associated Press"]),
    ("Agence France-Presse", "https://www.afp.com", ["AFP"]),
    ("BBC News", "https://www.bbc.com/news", ["BBC"]),
    ("CNN", "https://www.cnn.com", []),
    ("NPR", "https://www.npr.org", []),
    ("Financial Times", "https://www.ft.com", ["FT", "The Financial Times"]),
    ("Bloomberg", "https://www.bloomberg.com", ["Bloomberg News"]),
    ("The Economist", "https://www.economist.com", ["Economist"]),
    ("Al Jazeera", "https://www.aljazeera.com", []),
    ("Politico", "https://www.politico.com", ["POLITICO"]),
    ("Axios", "https://www.axios.com", []),
    ("Le Monde", "https://www.lemonde.fr", []),
    ("Der Spiegel", "https://www.spiegel.de", ["Spiegel"]),
    ("The Times", "https://www.thetimes.com", []),
    ("The Telegraph", "https://www.telegraph.co.uk", ["Telegraph"]),
    ("Deutsche Welle", "https://www.dw.com", ["DW"]),
    ("ANSA", "https://www.ansa.it", []),
    ("EFE", "https://www.efe.com", ["Agencia EFE"]),
    ("TT News Agency", "https://tt.se", ["TT"]),
    ("Australian Associated Press", "https://www.aap.com.au", ["AAP"]),
]


def seed(apps, schema_editor):
    Outlet = apps.get_model("articles", "Outlet")
    for name, url, aliases in OUTLETS:
        Outlet.objects.get_or_create(name=name, defaults={"url": url, "aliases": "\n".join(aliases)})


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
