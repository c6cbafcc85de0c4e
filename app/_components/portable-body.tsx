import { PortableText, type PortableTextComponents } from 'next-sanity'
import type { Post } from '@/lib/content/posts'
import { SanityImage } from '@/app/_components/sanity-image'

type BodyBlock = Post['body'][number]
type InlineImage = Extract<BodyBlock, { _type: 'inlineImage' }>

const components: PortableTextComponents = {
  block: {
    h2: ({ children }) => <h2>{children}</h2>,
    h3: ({ children }) => <h3>{children}</h3>,
    h4: ({ children }) => <h4>{children}</h4>,
    blockquote: ({ children }) => <blockquote>{children}</blockquote>,
  },
  marks: {
    link: ({ value, children }) => {
      const href = typeof value?.href === 'string' ? value.href : undefined
      const newTab = value?.openInNewTab === true
      return (
        <a href={href} {...(newTab ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
          {children}
        </a>
      )
    },
  },
  types: {
    inlineImage: ({ value }: { value: InlineImage }) => (
      <figure className="body-figure">
        <SanityImage image={value} width={1200} sizes="(min-width: 48rem) 42rem, 100vw" />
        {value.caption ? <figcaption>{value.caption}</figcaption> : null}
      </figure>
    ),
  },
}

export function PortableBody({ body }: { body: Post['body'] }) {
  return (
    <div className="prose">
      <PortableText value={body} components={components} />
    </div>
  )
}
