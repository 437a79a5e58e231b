/** The shipped rule records (force-app), as the org holds them after a deploy. */
import { join } from 'node:path';
import { readProjectMetadata } from '../../../../scripts/metadata/reader';
import { stanceMetadataRecords } from '../../../../scripts/metadata/stanceConfig';
import type { MetadataRecords } from '../../domain';

const PROJECT_ROOT = join(__dirname, '../../../..');

export function shippedRecords(): MetadataRecords {
  return stanceMetadataRecords(readProjectMetadata(join(PROJECT_ROOT, 'force-app/main/default'), PROJECT_ROOT));
}
