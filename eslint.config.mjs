import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTypescript from 'eslint-config-next/typescript'

// Layering (see ../shared/STYLE.md §1): app → lib → sanity types; the lake is its own program.
const noAppImports = { group: ['@/app/*', '**/app/*'], message: 'Nothing imports from app/.' }

const config = [
  {
    ignores: [
      '.next/**',
      '.next-stack/**',
      'dist/**',
      '.sanity/**',
      'node_modules/**',
      '.data/**',
      'bench/results/**',
      'sanity/sanity.types.ts',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['app/**', 'lib/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through lib/config/env.ts.' },
      ],
    },
  },
  {
    files: ['lib/config/env.ts', 'lib/config/public.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['lib/**', 'sanity/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noAppImports] }] },
  },
  {
    files: ['sanity/lake/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noAppImports,
            {
              group: ['@/*', 'next', 'next/*', 'react', 'react-dom'],
              message: 'The lake is plain Node: relative imports only, no Next or React.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**', 'bench/**', 'scripts/**'],
    rules: { 'max-lines': 'off' },
  },
]

export default config
