// Flat ESLint config: typescript-eslint's recommended rules plus Pulumi's own plugin, which
// catches Outputs placed in template literals (they print as a warning string, not a value).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

/**
 * Shipped code (what package.json "files" publishes) must run without the repository's test
 * scaffolding, which the tarball does not carry: a relative path into any of these folders.
 */
const SCAFFOLDING = "^(\\.\\.?/)+(simulation|emulator|scripts|tests)(/|$)";
const SCAFFOLDING_MESSAGE =
    "shipped code (components/, providers/, fleet/, verify/) must not load simulation/, emulator/, scripts/ or tests/: they are not in the package";

export default tseslint.config(
    { ignores: ["dist/**", "node_modules/**", ".tools/**"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        languageOptions: {
            parserOptions: { project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname },
        },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
            ],
            "@typescript-eslint/no-require-imports": "off",
        },
    },
    {
        // Tool configuration written as CommonJS (mocha's .mocharc.cjs).
        files: ["**/*.cjs"],
        languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } },
    },
    {
        files: ["components/**/*.ts", "providers/**/*.ts", "fleet/**/*.ts", "verify/**/*.ts"],
        rules: {
            "no-restricted-imports": [
                "error",
                { patterns: [{ regex: SCAFFOLDING, message: SCAFFOLDING_MESSAGE }] },
            ],
            // The same for require() and import(), which no-restricted-imports does not see.
            "no-restricted-syntax": [
                "error",
                ...["CallExpression[callee.name='require']", "ImportExpression"].map((call) => ({
                    // esquery's /regex/ cannot hold a "/": written as \x2F there.
                    selector: `${call} > Literal[value=/${SCAFFOLDING.replaceAll("/", "\\x2F")}/]`,
                    message: SCAFFOLDING_MESSAGE,
                })),
            ],
        },
    },
);
