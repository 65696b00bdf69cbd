import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Prompt templates live in prompts/ as plain text with {{name}} placeholders. */

const PROMPTS_DIR = fileURLToPath(new URL("../../prompts/", import.meta.url));

export interface PromptTemplate {
  name: string;
  text: string;
}

export function loadPrompt(name: string): PromptTemplate {
  return { name, text: readFileSync(`${PROMPTS_DIR}${name}.md`, "utf8") };
}

/**
 * The sections of a template written as `## name` headings (answer-forms.md: one form per kind of
 * answer), by name.
 */
export function loadPromptSections(name: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const part of loadPrompt(name).text.split(/^## /m).slice(1)) {
    const [title, ...body] = part.split("\n");
    sections.set(title!.trim(), body.join("\n").trim());
  }
  return sections;
}

/** Fills {{name}} placeholders; a placeholder without a value is an error, not an empty string. */
export function fillPrompt(template: PromptTemplate, values: Record<string, string>): string {
  return template.text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`prompt ${template.name}: no value for {{${key}}}`);
    return value;
  });
}
