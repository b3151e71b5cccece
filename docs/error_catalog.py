#!/usr/bin/env python3
"""Regenerates the error-code catalog of README.md from TenancyErrorCodes.cs and the four Messages*.resx files."""
import re, html
base='src/TenancySchemas/Localization/Messages%s.resx'
def load(lang):
    s=open(base%(('.'+lang) if lang else '')).read()
    return {m.group(1):html.unescape(m.group(2)) for m in re.finditer(r'<data name="([^"]+)" xml:space="preserve"><value>(.*?)</value></data>',s,re.S)}
langs={'en':load(''),'fr':load('fr'),'de':load('de'),'es':load('es')}
codes=re.findall(r'public const string \w+ = "(tenancy\.[^"]+)"',open('src/TenancySchemas/Validation/TenancyErrorCodes.cs').read())
rows=['| code | en | fr | de | es |','|-|-|-|-|-|']
for c in codes:
    cell=lambda l: langs[l][c].replace('|','\\|')
    rows.append(f'| `{c}` | {cell("en")} | {cell("fr")} | {cell("de")} | {cell("es")} |')
table='\n'.join(rows)
p='README.md'
s=open(p).read()
start='<!-- error-codes:start -->'; end='<!-- error-codes:end -->'
block=f'''{start}
<details>
<summary>All {len(codes)} TenancySchemas error codes with their messages in English, French, German and Spanish</summary>

{table}

</details>
{end}'''
if start in s:
    s=re.sub(re.escape(start)+'.*?'+re.escape(end),lambda m: block,s,flags=re.S)
else:
    s=s.replace('## Observability','''## Error codes

Every failure carries a stable code: FluentValidation's own for built-in field checks (`NotEmptyValidator`,
`LengthValidator`, `InclusiveBetweenValidator`, …, with FluentValidation's translated messages), and one of the codes
below (public constants of `TenancyErrorCodes`) for everything else. `{Name}`-style placeholders are filled per call.
The table is generated from the resource files (`python3 docs/error_catalog.py`); a test keeps it in step with them.

'''+block+'\n\n## Observability',1)
open(p,'w').write(s)
print(len(codes))
