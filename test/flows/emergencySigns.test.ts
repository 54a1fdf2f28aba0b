import { detectEmergencySign } from '../../flows/emergencySigns';

describe('detectEmergencySign', () => {
  it.each([
    ['Minulla on kova rintakipu', 'chest_pain'],
    ['isällä on ollut rintakipua aamusta asti', 'chest_pain'],
    ['Kipua rinnassa ja hikoiluttaa', 'chest_pain'],
    ['RINTAKIVUN takia en pysty kävelemään', 'chest_pain'],
    ['Jag har bröstsmärtor', 'chest_pain'],
    ['ont i bröstet sedan i morse', 'chest_pain'],
    ['crushing chest pain', 'chest_pain'],
    ['no chest pain', 'chest_pain'],
    ['En saa henkeä', 'breathing'],
    ['Lapsella on hengitysvaikeuksia', 'breathing'],
    ['hon kan inte andas', 'breathing'],
    ['Svårt att andas', 'breathing'],
    ["He can't breathe", 'breathing'],
    ['Mummo on tajuton', 'unconscious'],
    ['löysin hänet tajuttomana', 'unconscious'],
    ['Han är medvetslös', 'unconscious'],
    ['she is unresponsive', 'unconscious'],
    ['Suupieli roikkuu ja puhe puuroutuu', 'stroke'],
    ['epäilen aivoinfarktia', 'stroke'],
    ['Pappa sluddrar och är förlamad i armen', 'stroke'],
    ['I think my dad is having a stroke', 'stroke'],
    ['runsas verenvuoto kädestä', 'bleeding'],
    ['Haava vuotaa paljon verta', 'bleeding'],
    ['Det är en kraftig blödning', 'bleeding'],
    ['bleeding that wont stop', 'bleeding'],
    ['Ajattelen itsemurhaa', 'suicide'],
    ['en halua enää elää', 'suicide'],
    ['Jag tänker på självmord', 'suicide'],
    ['jag vill ta mitt liv', 'suicide'],
    ['I want to kill myself', 'suicide'],
    ['Lapsi nielaisi tiskiainetta', 'poisoning'],
    ['poika on niellyt nappipariston', 'poisoning'],
    ['epäilen myrkytystä', 'poisoning'],
    ['mummo otti yliannostuksen lääkkeitä', 'poisoning'],
    ['Barnet har svalt tabletter', 'poisoning'],
    ['hon svalde ett batteri', 'poisoning'],
    ['misstänkt förgiftning', 'poisoning'],
    ['my son swallowed bleach', 'poisoning'],
    ['I think she was poisoned', 'poisoning'],
    // A 112 sign is named first: breathing difficulty after swallowing is 112 now.
    ['nielaisi jotain eikä saa henkeä', 'breathing'],
    ['he swallowed pills and is unconscious', 'unconscious'],
  ])('%s -> %s', (text, sign) => {
    expect(detectEmergencySign(text)).toBe(sign);
  });

  it.each([
    'rintakehä',
    'Rintakehässä on ihottumaa',
    'Minulla on yskää ja nuhaa',
    'Hyresskuld och arbetslös',
    'My chest x-ray was fine',
    'Tarvitsen apua vuokran kanssa',
    'Det är svalt ute i dag',
    '',
  ])('no sign in %p', (text) => {
    expect(detectEmergencySign(text)).toBeNull();
  });
});
