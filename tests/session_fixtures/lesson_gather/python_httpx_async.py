import asyncio
import sys

import httpx


async def main() -> None:
    async with httpx.AsyncClient(
        base_url="https://jsonplaceholder.typicode.com",
        timeout=10.0,
        follow_redirects=True,
    ) as client:
        try:
            # All at once: gather waits for every response and keeps their order.
            posts, posts_2, posts_3 = await asyncio.gather(
                client.get("/posts", params={"userId": "1"}),
                client.get("/posts", params={"userId": "2"}),
                client.get("/posts", params={"userId": "3"}),
            )
            for response in (posts, posts_2, posts_3):
                response.raise_for_status()  # raises HTTPStatusError for 4xx/5xx
        except httpx.TimeoutException:
            sys.exit("Request timed out after 10 seconds")
        except httpx.HTTPStatusError as e:
            sys.exit(f"HTTP error {e.response.status_code}: {e.response.text}")
        except httpx.RequestError as e:
            sys.exit(f"Network error: {e}")
    print(posts.text)
    print(posts_2.text)
    print(posts_3.text)


asyncio.run(main())
