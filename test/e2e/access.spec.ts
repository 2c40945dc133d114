// The web host lets in only the page that holds the one-time token, and only under a loopback name:
// what a person sees without the token, and what a request without the token or with a foreign Host gets.

import { request as http } from 'node:http';
import { expect, test } from './fixtures';

/** rawPost sends one API call with exactly the headers given (fetch would not let us set Host). */
function rawPost(url: URL, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http(
      { host: url.hostname, port: url.port, path: '/api/call/registries.list', method: 'POST', headers },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

test('the page without its token says how to get in, and lists nothing', async ({ berth, page }) => {
  const bare = berth.url.replace(/#.*$/, '');
  await page.goto(bare);
  await expect(page.getByRole('alert').or(page.getByTestId('error-state')).first()).toContainText(
    'access key',
  );
});

test('the API refuses a request without the token, and one naming a foreign Host', async ({ berth }) => {
  const url = new URL(berth.url);
  const token = url.hash.replace('#token=', '');
  const json = { 'content-type': 'application/json' };

  const withToken = await rawPost(url, { ...json, authorization: `Bearer ${token}` });
  expect(withToken.status).toBe(200);

  const noToken = await rawPost(url, json);
  expect(noToken.status).toBe(401);
  expect(noToken.body).toContain('access key');

  const rebound = await rawPost(url, {
    ...json,
    authorization: `Bearer ${token}`,
    host: `attacker.example:${url.port}`,
  });
  expect(rebound.status).toBe(421); // Misdirected Request: not a name this host answers to
});
