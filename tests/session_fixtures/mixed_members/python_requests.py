import sys

import requests
from requests.auth import HTTPBasicAuth

# Sent with every request of the session.
headers = {
    "Accept": "application/json",
    "X-Trace": 'session "one"',
}

with requests.Session() as session:
    session.headers.update(headers)
    try:
        items = session.post(
            "https://httpbin.org/anything/items",
            headers={"X-Trace": "own"},
            json={
                "name": "Grüße",
                "tags": [
                    "a",
                    "b",
                ],
                "count": 2,
            },
            timeout=2.5,
        )
        items.raise_for_status()  # raises HTTPError for 4xx/5xx
        response_2 = session.delete(
            "https://httpbin.org/anything/items/7",
            headers={"Content-Type": "text/plain"},
            data="reason=duplicate",
            auth=HTTPBasicAuth("user", "pass"),
            timeout=10,
        )
        response_2.raise_for_status()  # raises HTTPError for 4xx/5xx
        form = session.put(
            "https://example.org/anything/form",
            headers={"Authorization": "Bearer t0ken"},
            data=[("a", "1 & 2"), ("a", "3")],
            timeout=10,
        )
        form.raise_for_status()  # raises HTTPError for 4xx/5xx
    except requests.ConnectionError:
        sys.exit("Network error: could not connect to the server")
    except requests.Timeout:
        sys.exit("A request timed out")
    except requests.HTTPError as e:
        sys.exit(f"HTTP error {e.response.status_code}: {e.response.text}")

print(items.text)
print(response_2.text)
print(form.text)
