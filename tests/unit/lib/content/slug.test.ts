import { describe, expect, it } from 'vitest'
import { SLUG_MAX_LENGTH } from '@/lib/content/limits'
import { parseSlugParam } from '@/lib/content/params'
import { toSlug } from '@/lib/content/slug'

describe('toSlug', () => {
  it('turns the seed title into its published slug', () => {
    expect(toSlug('Understanding Leg Cramps: Causes and Solutions')).toBe(
      'understanding-leg-cramps-causes-and-solutions',
    )
  })

  it('drops apostrophes instead of splitting words on them', () => {
    expect(toSlug("A Beginner's Guide to Stretching")).toBe('a-beginners-guide-to-stretching')
    expect(toSlug('Let’s go')).toBe('lets-go')
  })

  it('folds accents and collapses punctuation and spaces into single hyphens', () => {
    expect(toSlug('  Café  au lait -- é & ü!  ')).toBe('cafe-au-lait-e-u')
  })

  it('keeps slugs within the maximum length without a trailing hyphen', () => {
    const slug = toSlug('word '.repeat(60))
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH)
    expect(slug.endsWith('-')).toBe(false)
  })
})

describe('parseSlugParam', () => {
  it('accepts what toSlug produces', () => {
    expect(parseSlugParam(toSlug('Strength Training After Forty'))).toBe('strength-training-after-forty')
  })

  it('rejects values that cannot be slugs', () => {
    for (const value of [
      '',
      'Upper',
      'a--b',
      '-a',
      'a b',
      '../etc',
      'x'.repeat(SLUG_MAX_LENGTH + 1),
      42,
      undefined,
    ]) {
      expect(parseSlugParam(value)).toBeNull()
    }
  })
})
