import { describe, expect, it } from 'vitest'
import {
  buildCommentThread,
  countThreadComments,
  findReplyTarget,
  isLinkableWebsite,
  listReplyableIds,
  toParagraphs,
  type ThreadComment,
  type ThreadNode,
} from '@/lib/comments/thread'

let minute = 0
const c = (id: string, parentId: string | null = null, pending = false): ThreadComment => ({
  _id: id,
  parentId,
  name: id,
  website: null,
  body: 'text',
  createdAt: new Date(Date.UTC(2026, 10, 25, 12, (minute += 1))).toISOString(),
  pending,
})

const shape = (nodes: ThreadNode[]): unknown =>
  nodes.map((node) => [node._id, node.depth, node.canReply, shape(node.replies)])

describe('buildCommentThread', () => {
  it('nests replies under their parents, oldest first', () => {
    const thread = buildCommentThread([c('a'), c('b'), c('a1', 'a'), c('a2', 'a')])
    expect(shape(thread)).toEqual([
      [
        'a',
        1,
        true,
        [
          ['a1', 2, true, []],
          ['a2', 2, true, []],
        ],
      ],
      ['b', 1, true, []],
    ])
  })

  it('stops nesting at three levels and offers no Reply on the last one', () => {
    const thread = buildCommentThread([c('l1'), c('l2', 'l1'), c('l3', 'l2'), c('l4', 'l3'), c('l5', 'l4')])
    expect(shape(thread)).toEqual([
      [
        'l1',
        1,
        true,
        [
          [
            'l2',
            2,
            true,
            [
              ['l3', 3, false, []],
              ['l4', 3, false, []],
              ['l5', 3, false, []],
            ],
          ],
        ],
      ],
    ])
  })

  it('starts a thread for a reply whose parent is not shown', () => {
    expect(shape(buildCommentThread([c('orphan', 'trashed')]))).toEqual([['orphan', 1, true, []]])
  })

  it('offers no Reply on the reader’s own comment awaiting moderation', () => {
    expect(buildCommentThread([c('mine', null, true)])[0]).toMatchObject({ pending: true, canReply: false })
  })

  it('survives a parent cycle in stored data', () => {
    expect(buildCommentThread([c('x', 'y'), c('y', 'x')])).toHaveLength(2)
  })
})

describe('findReplyTarget', () => {
  it('finds an approved comment at any level that still offers Reply', () => {
    const thread = buildCommentThread([c('a'), c('b', 'a'), c('c', 'b'), c('d', 'c')])
    expect(findReplyTarget(thread, 'a')?._id).toBe('a')
    expect(findReplyTarget(thread, 'b')?._id).toBe('b')
  })

  it('refuses a comment on the last level, one not in the thread, and a pending one', () => {
    const thread = buildCommentThread([c('a'), c('b', 'a'), c('c', 'b'), c('p', null, true)])
    expect(findReplyTarget(thread, 'c')).toBeNull()
    expect(findReplyTarget(thread, 'missing')).toBeNull()
    expect(findReplyTarget(thread, 'p')).toBeNull()
  })
})

describe('listReplyableIds', () => {
  it('lists the comments that show replies beneath them', () => {
    const thread = buildCommentThread([c('a'), c('b', 'a'), c('c', 'b'), c('e')])
    expect(listReplyableIds(thread).sort()).toEqual(['a', 'b', 'e'])
  })
})

describe('toParagraphs', () => {
  it('splits paragraphs on blank lines and keeps single line breaks', () => {
    expect(toParagraphs('one\ntwo\n\n\nthree')).toEqual([['one', 'two'], ['three']])
  })
})

describe('isLinkableWebsite', () => {
  it('links only http and https addresses', () => {
    expect(isLinkableWebsite('https://ada.example')).toBe(true)
    expect(isLinkableWebsite('javascript:alert(1)')).toBe(false)
    expect(isLinkableWebsite('data:text/html,x')).toBe(false)
    expect(isLinkableWebsite(null)).toBe(false)
  })
})

describe('countThreadComments', () => {
  it('counts every comment, replies at every level included', () => {
    expect(countThreadComments([])).toBe(0)
    expect(countThreadComments(buildCommentThread([c('a'), c('b'), c('a1', 'a'), c('a11', 'a1')]))).toBe(4)
  })
})
