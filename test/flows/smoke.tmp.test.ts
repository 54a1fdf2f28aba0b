import { initialTransition, transition } from 'xstate';
import { triageMachine } from '../../flows/triageMachine';
import type { FlowEvent } from '../../flows/contract';
test('smoke', () => {
let [s] = initialTransition(triageMachine, { locale: 'fi' });
const send = (e: FlowEvent) => { [s] = transition(triageMachine, s, e); console.log(JSON.stringify(s.value), s.status, JSON.stringify(s.getMeta())); };
send({ type: 'ANSWER', value: 'language.sv' });
send({ type: 'ANSWER', value: 'privacy.accept' });
send({ type: 'ANSWER', value: 'emergency.none' });
send({ type: 'ANSWER', value: 'subject.child' });
send({ type: 'ANSWER', value: 'childAge.1to6' });
send({ type: 'ANSWER', value: 'topic.skin' });
send({ type: 'ANSWER', value: true });
console.log(s.status, JSON.stringify(s.output), JSON.stringify(s.context));
});
