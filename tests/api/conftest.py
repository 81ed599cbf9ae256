import pytest

from api.keys import issue_key


@pytest.fixture
def api_key(db):
    """A partner's raw key (generous limit), as handed over when issued."""
    return issue_key("Kelsby Gazette app", requests_per_minute=10_000)[1]


@pytest.fixture
def api(client, api_key):
    """GET on the API with the partner's key; returns the response."""

    def get(path, **headers):
        return client.get(path, HTTP_X_API_KEY=api_key, **headers)

    return get
