import { Fragment } from 'react'
import { toParagraphs } from '@/lib/comments/thread'

/** A comment's plain text as paragraphs and line breaks; nothing in it is read as HTML. */
export function CommentText({ body }: { body: string }) {
  return toParagraphs(body).map((lines, paragraph) => (
    <p key={paragraph}>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </p>
  ))
}
