import { CompoundSplitter, vocabularyOf } from '../../understanding/compounds';
import { featuresOf } from '../../understanding/stemBayes';

const SV = ['tanden gör ont', 'jag har värk', 'huden kliar', 'utslag på armen', 'hyra och skulder', 'barnet är sjukt'];

describe('compound splitting', () => {
  it('splits a Swedish compound into two known words by their stems, also across a joining s', () => {
    const splitter = new CompoundSplitter('sv', vocabularyOf('sv', SV));
    expect(splitter.parts('tandvark')).toEqual(['tand', 'vark']);
    expect(splitter.parts('hudutslag')).toEqual(['hud', 'utslag']);
    expect(splitter.parts('hyresskulden')).toEqual(['hyr', 'skuld']);
  });

  it('splits an English compound', () => {
    const splitter = new CompoundSplitter('en', vocabularyOf('en', ['my tooth hurts', 'an ache in my back', 'the bed is wet']));
    expect(splitter.parts('toothache')).toEqual(['tooth', 'ach']);
  });

  it('leaves a known word, a word of one known part and a short word whole', () => {
    const splitter = new CompoundSplitter('sv', vocabularyOf('sv', SV));
    expect(splitter.parts('tanden')).toEqual([]);
    expect(splitter.parts('tandborste')).toEqual([]);
    expect(splitter.parts('arm')).toEqual([]);
  });

  it('adds the parts to the features of the word', () => {
    const splitter = new CompoundSplitter('sv', vocabularyOf('sv', SV));
    const features = featuresOf('sv', 'tandvärk', splitter);
    expect(features.get('s:tand')).toBeGreaterThan(0);
    expect(features.get('s:vark')).toBeGreaterThan(0);
    expect(featuresOf('sv', 'tandvärk').has('s:tand')).toBe(false);
  });
});
