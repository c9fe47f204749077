import sys

import requests

with requests.Session() as session:
    try:
        posts = session.get(
            "https://jsonplaceholder.typicode.com/posts",
            params={"userId": "1"},
            timeout=10,
        )
        posts.raise_for_status()  # raises HTTPError for 4xx/5xx
        posts_2 = session.get(
            "https://jsonplaceholder.typicode.com/posts",
            params={"userId": "2"},
            timeout=10,
        )
        posts_2.raise_for_status()  # raises HTTPError for 4xx/5xx
        posts_3 = session.get(
            "https://jsonplaceholder.typicode.com/posts",
            params={"userId": "3"},
            timeout=10,
        )
        posts_3.raise_for_status()  # raises HTTPError for 4xx/5xx
    except requests.ConnectionError:
        sys.exit("Network error: could not connect to the server")
    except requests.Timeout:
        sys.exit("Request timed out after 10 seconds")
    except requests.HTTPError as e:
        sys.exit(f"HTTP error {e.response.status_code}: {e.response.text}")

print(posts.text)
print(posts_2.text)
print(posts_3.text)
