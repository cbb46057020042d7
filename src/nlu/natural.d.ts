// natural's submodules ship without per-file types; we use only these. (The top-level
// `natural` import would also load storage back-ends that print dotenv tips at start-up.)
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(word: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/ngrams/ngrams.js' {
  const NGrams: { ngrams<T>(sequence: T[], n: number): T[][] };
  export default NGrams;
}
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  const distance: {
    DamerauLevenshteinDistance(source: string, target: string, options?: { restricted?: boolean }): number;
  };
  export default distance;
}
