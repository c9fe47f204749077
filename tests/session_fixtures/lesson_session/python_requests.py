import sys

import requests

# Sent with every request of the session.
headers = {
    "User-Agent": "MyClient/1.0",
    "Authorization": "Bearer my-token",
}

with requests.Session() as session:
    session.headers.update(headers)
    try:
        users = session.get("https://jsonplaceholder.typicode.com/users", timeout=10)
        users.raise_for_status()  # raises HTTPError for 4xx/5xx
        todos = session.get(
            "https://jsonplaceholder.typicode.com/todos",
            params={"userId": "1"},
            timeout=10,
        )
        todos.raise_for_status()  # raises HTTPError for 4xx/5xx
        posts = session.get(
            "https://jsonplaceholder.typicode.com/posts",
            params={"userId": "1"},
            timeout=10,
        )
        posts.raise_for_status()  # raises HTTPError for 4xx/5xx
    except requests.ConnectionError:
        sys.exit("Network error: could not connect to the server")
    except requests.Timeout:
        sys.exit("Request timed out after 10 seconds")
    except requests.HTTPError as e:
        sys.exit(f"HTTP error {e.response.status_code}: {e.response.text}")

print(users.text)
print(todos.text)
print(posts.text)
