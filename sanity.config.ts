// The Sanity CLI looks for its Studio config in the project root.
export { default } from './sanity/studio/sanity.config.ts'
