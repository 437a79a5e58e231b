/**
 * force-app with what the console's package work adds (issue 14), for the Metadata API and setup
 * object tests whatever has landed: the Stance_Console custom permission, enabled in Stance_Admin,
 * and the Stance_Rules_Author permission set (API Enabled, View Setup and Configuration, Customize
 * Application, Modify Metadata Through Metadata API Functions), as the console contract names them;
 * and a test set with Modify Metadata alone.
 */
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../org';

const CUSTOM_PERMISSION = `<?xml version="1.0" encoding="UTF-8"?>
<CustomPermission xmlns="http://soap.sforce.com/2006/04/metadata">
    <isLicensed>false</isLicensed>
    <label>Use the Stance console</label>
</CustomPermission>
`;

const RULES_AUTHOR = `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <hasActivationRequired>false</hasActivationRequired>
    <label>Stance Rules Author</label>
${['ApiEnabled', 'CustomizeApplication', 'ModifyMetadata', 'ViewSetup']
  .map(
    (name) =>
      `    <userPermissions>\n        <enabled>true</enabled>\n        <name>${name}</name>\n    </userPermissions>`,
  )
  .join('\n')}
</PermissionSet>
`;

/** A set with Modify Metadata but not Customize Application: may read custom metadata records, not write them. */
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

export function consolePackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stance-orgmeta-'));
  cpSync(join(PROJECT_ROOT, 'force-app/main/default'), dir, { recursive: true });
  mkdirSync(join(dir, 'customPermissions'), { recursive: true });
  writeFileSync(join(dir, 'customPermissions/Stance_Console.customPermission-meta.xml'), CUSTOM_PERMISSION);
  writeFileSync(join(dir, 'permissionsets/Stance_Rules_Author.permissionset-meta.xml'), RULES_AUTHOR);
  writeFileSync(join(dir, 'permissionsets/Test_Metadata_Reader.permissionset-meta.xml'), METADATA_READER);
  const admin = join(dir, 'permissionsets/Stance_Admin.permissionset-meta.xml');
  const xml = readFileSync(admin, 'utf8');
  if (!xml.includes('<name>Stance_Console</name>')) {
    writeFileSync(
      admin,
      xml.replace(
        /(<PermissionSet[^>]*>)/,
        `$1\n    <customPermissions>\n        <enabled>true</enabled>\n        <name>Stance_Console</name>\n    </customPermissions>`,
      ),
    );
  }
  return dir;
}
