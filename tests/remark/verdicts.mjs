// verdicts.mjs - runs remark with remark-lint-frontmatter-schema, set up
// exactly as examples/remarkrc.mjs, over the files given, and prints
// "valid" or "invalid" and the first message for each.
//
// usage: node verdicts.mjs SCHEMA_FILE FILE...
import { readFileSync } from 'node:fs';
import { remark } from 'remark';
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';
import YAML from 'yaml';

const [schemaPath, ...files] = process.argv.slice(2);
const schema = YAML.parse(readFileSync(schemaPath, 'utf8'));
delete schema.$schema; // as examples/remarkrc.mjs does

const processor = remark().use(remarkFrontmatter).use(remarkLintFrontmatterSchema, { embed: schema });
for (const file of files) {
  const vfile = await processor.process({ path: file, value: readFileSync(file, 'utf8') });
  const messages = vfile.messages.filter((m) => m.source === 'remark-lint' || /frontmatter/.test(m.ruleId ?? m.source ?? ''));
  const all = vfile.messages;
  console.log(`${all.length ? 'invalid' : 'valid'}\t${file}\t${all.length ? String(all[0].reason).split('\n')[0] : ''}`);
  void messages;
}
