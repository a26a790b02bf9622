/** See pandoc-paragraphs.mjs. */
export declare function pandocParagraphs(json: string): string[];
