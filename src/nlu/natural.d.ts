// natural's submodules ship without per-file types; we use only these.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(word: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/ngrams/ngrams.js' {
  const NGrams: { ngrams(sequence: string[] | string, n: number): string[][] };
  export default NGrams;
}
