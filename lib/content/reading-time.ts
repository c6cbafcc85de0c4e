import { WORDS_PER_MINUTE } from './limits.ts'

type TextBlock = { _type: string; children?: ReadonlyArray<{ text?: string }> }

export function countWords(blocks: readonly TextBlock[]): number {
  return blocks
    .filter((block) => block._type === 'block')
    .flatMap((block) => block.children ?? [])
    .map((span) => span.text ?? '')
    .join(' ')
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word)).length
}

/** Whole minutes, at least one. */
export function buildReadingMinutes(blocks: readonly TextBlock[], wordsPerMinute = WORDS_PER_MINUTE): number {
  return Math.max(1, Math.round(countWords(blocks) / wordsPerMinute))
}
