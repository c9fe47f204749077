import asyncio
import sys

import httpx

# Sent with every request of the session.
headers = {
    "User-Agent": "MyClient/1.0",
    "Authorization": "Bearer my-token",
}


async def main() -> None:
    async with httpx.AsyncClient(
        base_url="https://jsonplaceholder.typicode.com",
        headers=headers,
        timeout=10.0,
        follow_redirects=True,
    ) as client:
        try:
            users = await client.get("/users")
            users.raise_for_status()  # raises HTTPStatusError for 4xx/5xx
            todos = await client.get("/todos", params={"userId": "1"})
            todos.raise_for_status()  # raises HTTPStatusError for 4xx/5xx
            posts = await client.get("/posts", params={"userId": "1"})
            posts.raise_for_status()  # raises HTTPStatusError for 4xx/5xx
        except httpx.TimeoutException:
            sys.exit("Request timed out after 10 seconds")
        except httpx.HTTPStatusError as e:
            sys.exit(f"HTTP error {e.response.status_code}: {e.response.text}")
        except httpx.RequestError as e:
            sys.exit(f"Network error: {e}")
    print(users.text)
    print(todos.text)
    print(posts.text)


asyncio.run(main())
