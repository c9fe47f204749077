import sys

import httpx

with httpx.Client(
    base_url="https://jsonplaceholder.typicode.com",
    timeout=10.0,
    follow_redirects=True,
) as client:
    try:
        posts = client.get("/posts", params={"userId": "1"})
        posts.raise_for_status()  # raises HTTPStatusError for 4xx/5xx
        posts_2 = client.get("/posts", params={"userId": "2"})
        posts_2.raise_for_status()  # raises HTTPStatusError for 4xx/5xx
        posts_3 = client.get("/posts", params={"userId": "3"})
        posts_3.raise_for_status()  # raises HTTPStatusError for 4xx/5xx
    except httpx.TimeoutException:
        sys.exit("Request timed out after 10 seconds")
    except httpx.HTTPStatusError as e:
        sys.exit(f"HTTP error {e.response.status_code}: {e.response.text}")
    except httpx.RequestError as e:
        sys.exit(f"Network error: {e}")

print(posts.text)
print(posts_2.text)
print(posts_3.text)
