import asyncio
import sys

import httpx

# Sent with every request of the session.
headers = {
    "Accept": "application/json",
    "X-Trace": 'session "one"',
}


async def main() -> None:
    async with httpx.AsyncClient(headers=headers, follow_redirects=True) as client:
        try:
            # All at once: gather waits for every response and keeps their order.
            items, response_2, form = await asyncio.gather(
                client.post(
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
                ),
                client.request(
                    "DELETE",
                    "https://httpbin.org/anything/items/7",
                    headers={"Content-Type": "text/plain"},
                    content="reason=duplicate",
                    auth=("user", "pass"),
                    timeout=10.0,
                ),
                client.put(
                    "https://example.org/anything/form",
                    headers={
                        "Authorization": "Bearer t0ken",
                        "Content-Type": "application/x-www-form-urlencoded",
                    },
                    content="a=1+%26+2&a=3",
                    timeout=10.0,
                ),
            )
            for response in (items, response_2, form):
                response.raise_for_status()  # raises HTTPStatusError for 4xx/5xx
        except httpx.TimeoutException:
            sys.exit("A request timed out")
        except httpx.HTTPStatusError as e:
            sys.exit(f"HTTP error {e.response.status_code}: {e.response.text}")
        except httpx.RequestError as e:
            sys.exit(f"Network error: {e}")
    print(items.text)
    print(response_2.text)
    print(form.text)


asyncio.run(main())
