import Image from 'next/image'
import { buildSizedImage, type ImageSource } from '@/lib/content/images'

type SanityImageProps = {
  image: ImageSource | null
  width: number
  aspect?: number
  sizes: string
  className?: string
  preload?: boolean
}

export function SanityImage({ image, width, aspect, sizes, className, preload = false }: SanityImageProps) {
  const sized = buildSizedImage(image, width, aspect)
  if (sized === null) return null
  return (
    <Image
      src={sized.src}
      width={sized.width}
      height={sized.height}
      alt={sized.alt}
      sizes={sizes}
      className={className}
      unoptimized={sized.unoptimized}
      preload={preload}
    />
  )
}
