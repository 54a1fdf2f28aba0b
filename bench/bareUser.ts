import { okObject, stringField, type JsonClient } from './jsonClient';
import type { Scenario, VirtualUser } from './load';
import type { ServerSet } from './serverSet';

/** The floor: one JSON POST of a message-sized body, answered with an id. */
class BareUser implements VirtualUser {
  constructor(private readonly client: JsonClient) {}

  async turn(): Promise<void> {
    const res = await this.client.request({ method: 'POST', path: '/echo', body: { type: 'message', from: { id: 'bench-user' }, text: '1' } });
    stringField(okObject(res, 'post /echo'), 'id', 'post /echo');
  }
}

/** One untimed request first, so that, as for the bots, the timed turns run on open keep-alive sockets. */
export const bareScenario: Scenario = {
  async createUser(servers: ServerSet, ordinal: number): Promise<VirtualUser> {
    const user = new BareUser(servers.pick(ordinal));
    await user.turn();
    return user;
  },
};
