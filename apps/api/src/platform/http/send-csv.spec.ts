import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { sendCsv } from './send-csv';

async function download(send: Parameters<typeof sendCsv>[1]) {
  const app = Fastify();
  app.get('/', (_req, reply) => sendCsv(reply, send));
  const res = await app.inject({ method: 'GET', url: '/' });
  await app.close();
  return res;
}

async function* batches(): AsyncGenerator<unknown[]> {
  yield ['1', '=cmd()'];
  yield ['2', 'plain'];
}

describe('sendCsv', () => {
  it('sends the header and rows as a CSV attachment', async () => {
    const res = await download({ filename: 'x-2026.csv', header: ['a', 'b'], rows: [[1, 'two, three']] });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="x-2026.csv"');
    expect(res.headers['cache-control']).toBeUndefined();
    expect(res.body).toBe('a,b\r\n1,"two, three"\r\n');
  });

  it('[APP-03] neutralises formulas in streamed rows and marks personal exports no-store', async () => {
    const res = await download({ filename: 'y.csv', header: ['n', 'v'], rows: batches(), noStore: true });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toBe(`n,v\r\n1,"'=cmd()"\r\n2,plain\r\n`);
  });
});
