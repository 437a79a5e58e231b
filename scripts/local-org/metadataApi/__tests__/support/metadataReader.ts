/**
 * force-app plus a test permission set with Modify Metadata Through Metadata API Functions alone
 * (no Customize Application): it may read custom metadata records through the Metadata API, not
 * write them.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../org';

const METADATA_READER = `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <hasActivationRequired>false</hasActivationRequired>
    <label>Metadata Reader (test)</label>
    <userPermissions>
        <enabled>true</enabled>
        <name>ModifyMetadata</name>
    </userPermissions>
</PermissionSet>
`;

export function packageWithMetadataReader(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stance-orgmeta-'));
  cpSync(join(PROJECT_ROOT, 'force-app/main/default'), dir, { recursive: true });
  writeFileSync(join(dir, 'permissionsets/Test_Metadata_Reader.permissionset-meta.xml'), METADATA_READER);
  return dir;
}
