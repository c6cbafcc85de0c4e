import { describe, expect, it } from 'vitest'
import { buildCommentPreview, commentPreviewSelection } from '@/sanity/schemaTypes/documents/comment-preview'

describe('buildCommentPreview', () => {
  it('names the author and the post, and shows the start of the text', () => {
    expect(
      buildCommentPreview({ name: 'Ann', postTitle: 'Spring walks', body: 'Lovely  post,\nthanks!' }),
    ).toEqual({
      title: 'Ann on Spring walks',
      subtitle: 'Lovely post, thanks!',
    })
  })

  it('names the author of the comment a reply answers', () => {
    expect(
      buildCommentPreview({ name: 'Bob', postTitle: 'Spring walks', parentName: 'Ann', body: 'Agreed' })
        .title,
    ).toBe('Bob on Spring walks · reply to Ann')
  })

  it('cuts a long text with an ellipsis', () => {
    const { subtitle } = buildCommentPreview({ name: 'Ann', body: 'word '.repeat(60) })
    expect(subtitle.length).toBeLessThanOrEqual(90)
    expect(subtitle.endsWith('…')).toBe(true)
  })

  it('copes with a comment whose fields are missing', () => {
    expect(buildCommentPreview({})).toEqual({ title: 'Anonymous', subtitle: '(no text)' })
  })

  it('never selects the commenter email', () => {
    expect(Object.values(commentPreviewSelection)).not.toContain('email')
  })
})
