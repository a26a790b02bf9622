/**
 * The one platform API core uses: TextDecoder, present in every browser and in
 * Node. Declared here instead of pulling in the DOM or Node type libraries, so
 * that nothing else Node- or browser-only can slip into core unnoticed.
 */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
