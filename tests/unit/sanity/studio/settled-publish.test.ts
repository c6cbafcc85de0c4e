import { describe, expect, it } from 'vitest'
import { firstValidationError } from '@/sanity/studio/settled-publish'

describe('firstValidationError', () => {
  it('lets a draft with no errors be published, whatever its warnings', () => {
    expect(firstValidationError([])).toBeNull()
    expect(
      firstValidationError([{ level: 'warning', message: 'Short excerpt', path: ['excerpt'] }]),
    ).toBeNull()
  })

  it('names the first error and the field it is in, skipping array keys', () => {
    expect(
      firstValidationError([
        { level: 'warning', message: 'Short excerpt', path: ['excerpt'] },
        {
          level: 'error',
          message: 'Must be a reference to a document',
          path: ['relatedPosts', { _key: 'a1' }],
        },
        { level: 'error', message: 'Required', path: ['author'] },
      ]),
    ).toBe('relatedPosts: Must be a reference to a document')
    expect(firstValidationError([{ level: 'error', message: 'Document is invalid', path: [] }])).toBe(
      'Document is invalid',
    )
  })

  it('calls the field by the title the form shows, when it has one', () => {
    const titles: Record<string, string> = { relatedPosts: 'Related posts' }
    const error = { level: 'error' as const, message: 'Required', path: ['relatedPosts', { _key: 'a1' }] }
    expect(firstValidationError([error], (name) => titles[name])).toBe('Related posts: Required')
    expect(firstValidationError([{ ...error, path: ['author'] }], (name) => titles[name])).toBe(
      'author: Required',
    )
  })
})
