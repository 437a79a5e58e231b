/**
 * `npm run labels:sort`: writes the custom labels and every translation file back sorted and
 * de-duplicated (a label defined twice keeps its last definition), the step that merges
 * branches which each added labels.
 */
import { readLabels, readTranslations, translationLanguages, writeLabels, writeTranslations } from './labelFiles';

const labels = readLabels();
writeLabels(labels);
const languages = translationLanguages();
for (const language of languages) writeTranslations(readTranslations(language));
console.log(`labels:sort: ${labels.length} labels, translations: ${languages.join(', ') || 'none'}`);
