// .remarkrc.mjs - validate pilot front matter in the editor with
// vscode-remark, or on the command line with remark-cli, against
// pilotlog's schema. Copy to the repository's root as .remarkrc.mjs and
//   npm install -D remark-cli remark-frontmatter remark-lint-frontmatter-schema yaml
//
// The plugin validates with ajv's draft-07 class, which cannot load a
// schema that declares "$schema: .../draft/2020-12/schema". pilotlog's
// schema only uses keywords that mean the same in both drafts (its $ref
// siblings are descriptions), so the declaration is dropped here and the
// schema passed in as it is. Use .pilotlog/pilot.schema.yaml instead if
// the repository has its own.
import { readFileSync } from 'node:fs';
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';
import YAML from 'yaml';

const schema = YAML.parse(readFileSync(new URL('./schemas/pilot.schema.yaml', import.meta.url), 'utf8'));
delete schema.$schema;

export default {
  plugins: [remarkFrontmatter, [remarkLintFrontmatterSchema, { embed: schema }]],
};
