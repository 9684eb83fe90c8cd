import { describe, expect, it } from 'vitest';
import type { Database } from '../database/database';
import { EventOutsideTransactionError, TypedEvents } from './domain-events';

interface TestEvents {
  'thing.made': { id: string };
  'thing.gone': string[];
}

/** A database stand-in: only whether the caller is inside a transaction matters to publish. */
const db = (inTransaction = true) => ({ inTransaction }) as Database;

describe('domain events', () => {
  it('runs every handler of the event, in registration order, with the payload', async () => {
    const events = new TypedEvents<TestEvents>(db());
    const seen: string[] = [];
    events.on('thing.made', async (p) => void seen.push(`first ${p.id}`));
    events.on('thing.made', async (p) => void seen.push(`second ${p.id}`));
    events.on('thing.gone', async (p) => void seen.push(`gone ${p.join()}`));
    await events.publish('thing.made', { id: 'a' });
    expect(seen).toEqual(['first a', 'second a']);
  });

  it('awaits each handler before the next, so they run one after another in the same transaction', async () => {
    const events = new TypedEvents<TestEvents>(db());
    const seen: string[] = [];
    events.on('thing.made', async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      seen.push('slow first');
    });
    events.on('thing.made', async () => void seen.push('second'));
    await events.publish('thing.made', { id: 'a' });
    expect(seen).toEqual(['slow first', 'second']);
  });

  it('propagates a throwing handler to the publisher and runs no later handler', async () => {
    const events = new TypedEvents<TestEvents>(db());
    const seen: string[] = [];
    events.on('thing.made', async () => void seen.push('first'));
    events.on('thing.made', () => Promise.reject(new Error('invoice failed')));
    events.on('thing.made', async () => void seen.push('third'));
    await expect(events.publish('thing.made', { id: 'a' })).rejects.toThrow('invoice failed');
    expect(seen).toEqual(['first']);
  });

  it('does nothing for an event without handlers', async () => {
    const events = new TypedEvents<TestEvents>(db());
    await expect(events.publish('thing.gone', ['x'])).resolves.toBeUndefined();
  });

  it('keeps one registration when the same handler is added twice', async () => {
    const events = new TypedEvents<TestEvents>(db());
    let calls = 0;
    const handler = async () => void calls++;
    events.on('thing.made', handler);
    events.on('thing.made', handler);
    await events.publish('thing.made', { id: 'a' });
    expect(calls).toBe(1);
  });

  it('refuses to publish outside a transaction, before any handler runs', async () => {
    const events = new TypedEvents<TestEvents>(db(false));
    let calls = 0;
    events.on('thing.made', async () => void calls++);
    await expect(events.publish('thing.made', { id: 'a' })).rejects.toBeInstanceOf(
      EventOutsideTransactionError,
    );
    expect(calls).toBe(0);
  });

  it('types the payload by event name', async () => {
    const events = new TypedEvents<TestEvents>(db());
    // @ts-expect-error -- 'thing.made' carries { id: string }, not a string array
    await events.publish('thing.made', ['a']);
    // @ts-expect-error -- no such event in the map
    await events.publish('thing.unknown', {});
    // @ts-expect-error -- a handler of 'thing.gone' receives string[], which has no id
    events.on('thing.gone', async (p) => void p.id);
  });
});
