import { describe, expect, it } from 'vitest'
import { buildReadingMinutes, countWords } from '@/lib/content/reading-time'

const paragraph = (text: string) => ({ _type: 'block', children: [{ text }] })

describe('countWords', () => {
  it('counts words across the spans of text blocks', () => {
    const block = {
      _type: 'block',
      children: [{ text: 'Stay ' }, { text: 'hydrated:' }, { text: ' drink water.' }],
    }
    expect(countWords([block, paragraph('Two more')])).toBe(6)
  })

  it('ignores images and punctuation-only tokens', () => {
    expect(countWords([{ _type: 'inlineImage' }, paragraph('Rest — then run.')])).toBe(3)
  })
})

describe('buildReadingMinutes', () => {
  it('rounds to whole minutes at the given pace', () => {
    expect(buildReadingMinutes([paragraph('word '.repeat(660))], 220)).toBe(3)
  })

  it('never says zero minutes', () => {
    expect(buildReadingMinutes([])).toBe(1)
    expect(buildReadingMinutes([paragraph('Short.')])).toBe(1)
  })
})
