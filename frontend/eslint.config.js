// ESLint: the recommended rules and typescript-eslint's type-checked strict set.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "src/generated/"] },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [...tseslint.configs.strictTypeChecked, ...tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Lit templates interpolate numbers on purpose.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: {
        window: "readonly",
        document: "readonly",
        location: "readonly",
        customElements: "readonly",
        HTMLElement: "readonly",
        URLSearchParams: "readonly",
        structuredClone: "readonly",
        setTimeout: "readonly",
        setInterval: "readonly",
        console: "readonly",
        performance: "readonly",
        requestAnimationFrame: "readonly",
        queueMicrotask: "readonly",
        process: "readonly",
      },
    },
  },
);
