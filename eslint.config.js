import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Lint rules (`npm run lint`): ESLint's and typescript-eslint's recommended sets, with type information
 * for the TypeScript sources so that unhandled promises and unsafe `any` are caught. Layout is prettier's job.
 */
export default tseslint.config(
  { ignores: ["dist/", "coverage/", "node_modules/", "embeddings/", "data/", "web/build/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // Node globals for the plain JavaScript files (TypeScript files get them from @types/node).
      globals: { process: "readonly", console: "readonly", URL: "readonly" },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Full-width spaces lay out Chinese text in messages.
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true }],
      // LangChain's interfaces (Embeddings, VectorStore) are async whether or not an implementation awaits.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Tests read parsed JSON and use vitest's asymmetric matchers, both typed `any` on purpose.
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  { files: ["**/*.js", "**/*.mjs"], extends: [tseslint.configs.disableTypeChecked] },
);
