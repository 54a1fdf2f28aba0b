// The parts of NLP.js (axa-group/nlp.js 4.x, plain JavaScript) that Luotsi uses.
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
    get(name: string): unknown;
  }
  export function containerBootstrap(settings?: Record<string, unknown>): Promise<Container>;
}

declare module '@nlpjs/nlp' {
  import type { Container } from '@nlpjs/core';
  export interface NlpClassification {
    intent: string;
    score: number;
  }
  export interface NlpResult {
    intent: string;
    score: number;
    classifications: NlpClassification[];
  }
  export class Nlp {
    constructor(settings?: Record<string, unknown>, container?: Container);
    settings: Record<string, unknown>;
    addLanguage(locale: string): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string, utterance: string): Promise<NlpResult>;
    export(minified?: boolean): string;
    import(data: string): void;
  }
}

declare module '@nlpjs/lang-fi' {
  export const LangFi: unknown;
  export class StemmerFi {
    stem(tokens: string[]): string[];
  }
}
declare module '@nlpjs/lang-sv' {
  export const LangSv: unknown;
  export class StemmerSv {
    stem(tokens: string[]): string[];
  }
}
declare module '@nlpjs/lang-en' {
  export const LangEn: unknown;
  export class StemmerEn {
    stem(tokens: string[]): string[];
  }
}
