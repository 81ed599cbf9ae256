"""How a topic (a tag) is named where readers see it."""


def display_name(name: str) -> str:
    """The topic's name as a heading shows it.

    Tags arrive as typed, and keywords from the wire or a quick edit are often
    all lower case ("port calder"): those get a capital first letter. A name
    with any capital in it ("Port Calder", "iPhone") is the desk's own choice
    and is shown as it is.
    """
    if name and name == name.lower():
        return name[0].upper() + name[1:]
    return name
