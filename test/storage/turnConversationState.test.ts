import { ActivityTypes, TestAdapter, TurnContext, type StoreItems } from 'botbuilder';
import type { LuotsiDatabase } from '../../storage/database';
import { TurnConversationState } from '../../storage/turnConversationState';
import { deferStateWrites } from '../../storage/turnWrites';
import { dropSchema, freshSchema, openTestDatabase, TEST_BACKEND, testPostgresUrl } from '../support/testDatabase';

let conversationCount = 0;

/** A turn of a conversation of its own on a test channel (the key is `test/conversations/<id>`). */
function turnOf(conversationId: string): TurnContext {
  return new TurnContext(new TestAdapter(), {
    type: ActivityTypes.Message,
    channelId: 'test',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user', name: '' },
    recipient: { id: 'bot', name: '' },
    text: 'hi',
  });
}

describe(`TurnConversationState on the real bot state store (${TEST_BACKEND})`, () => {
  const schema = freshSchema();
  let db: LuotsiDatabase;
  let state: TurnConversationState;
  let writes: StoreItems[];
  beforeAll(async () => {
    db = await openTestDatabase(schema);
    writes = [];
    // The real store; only its writes are also noted, so a test can see that none happened.
    const store = db.botState;
    state = new TurnConversationState({
      read: (keys) => store.read(keys),
      write: async (changes) => {
        writes.push(changes);
        await store.write(changes);
      },
      delete: (keys) => store.delete(keys),
    });
  });
  afterAll(async () => {
    await db.close();
    if (TEST_BACKEND === 'postgres') await dropSchema(testPostgresUrl(), schema);
  });
  beforeEach(() => {
    writes.length = 0;
  });

  function conversation(): { id: string; key: string } {
    conversationCount += 1;
    const id = `state-${conversationCount}`;
    return { id, key: `test/conversations/${id}/` };
  }

  it('writes a changed state and reads it back on the next turn', async () => {
    const { id, key } = conversation();
    const property = state.createProperty<{ step: number }>('flow');
    const first = turnOf(id);
    await property.set(first, { step: 1 });
    await state.saveChanges(first);
    expect(writes).toHaveLength(1);
    expect(Object.keys(writes[0]!)).toEqual([key]);
    const next = turnOf(id);
    expect(await property.get(next)).toEqual({ step: 1 });
  });

  it('does not write a state that the turn read and left as it was, nor one it already saved', async () => {
    const { id } = conversation();
    const property = state.createProperty<{ step: number }>('flow');
    const first = turnOf(id);
    await property.set(first, { step: 1 });
    await state.saveChanges(first);
    await state.saveChanges(first);
    expect(writes).toHaveLength(1);
    const reading = turnOf(id);
    expect(await property.get(reading)).toEqual({ step: 1 });
    await state.saveChanges(reading);
    expect(writes).toHaveLength(1);
    // A change inside a nested object counts too (the text is compared, not the reference).
    (await property.get(reading))!.step = 2;
    await state.saveChanges(reading);
    expect(writes).toHaveLength(2);
    expect(await property.get(turnOf(id))).toEqual({ step: 2 });
  });

  it('writes even an unchanged state when forced, as botbuilder does', async () => {
    const { id } = conversation();
    const turn = turnOf(id);
    await state.load(turn);
    await state.saveChanges(turn, true);
    expect(writes).toHaveLength(1);
  });

  it('holds the write back in a turn whose writes are deferred, and leaves the store alone', async () => {
    const { id, key } = conversation();
    const property = state.createProperty<{ step: number }>('flow');
    const turn = turnOf(id);
    const deferred = deferStateWrites(turn);
    await property.set(turn, { step: 3 });
    await state.saveChanges(turn);
    expect(writes).toHaveLength(0);
    expect(Object.keys(deferred.state ?? {})).toEqual([key]);
    expect(deferred.state?.[key]).toMatchObject({ flow: { step: 3 }, eTag: '*' });
    expect(await db.botState.read([key])).toEqual({});
  });

  it('forgets the cached state on delete, so the end-of-turn save writes nothing back', async () => {
    const { id, key } = conversation();
    const property = state.createProperty<{ step: number }>('flow');
    const first = turnOf(id);
    await property.set(first, { step: 1 });
    await state.saveChanges(first);
    const erasing = turnOf(id);
    await property.get(erasing);
    await state.delete(erasing);
    expect(state.get(erasing)).toBeUndefined();
    await state.saveChanges(erasing);
    expect(writes).toHaveLength(1);
    expect(await db.botState.read([key])).toEqual({});
  });

  it('writes an empty state after clear', async () => {
    const { id, key } = conversation();
    const property = state.createProperty<{ step: number }>('flow');
    const first = turnOf(id);
    await property.set(first, { step: 1 });
    await state.saveChanges(first);
    const clearing = turnOf(id);
    await state.clear(clearing);
    await state.saveChanges(clearing);
    expect(writes).toHaveLength(2);
    expect((await db.botState.read([key]))[key]).not.toHaveProperty('flow');
  });
});
