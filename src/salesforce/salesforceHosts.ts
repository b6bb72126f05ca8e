/**
 * Salesforce's login and instance host names, the hosts org URLs may have without configuration
 * (`LONGHAUL_SALESFORCE_ALLOWED_HOSTS` adds more):
 * - `login.salesforce.com` and `test.salesforce.com`: the generic login hosts of production orgs and sandboxes;
 * - `*.my.salesforce.com` (My Domain, sandboxes under `*.sandbox.my.salesforce.com`, scratch and developer
 *   orgs under their partitions), instanced hosts such as `na30.salesforce.com`: all under `*.salesforce.com`;
 * - `*.force.com` (Lightning and older instance hosts), `*.cloudforce.com` (older My Domains);
 * - `*.salesforce.mil` (Government Cloud Plus – Defense), `*.sfcrmproducts.cn` (Salesforce on Alibaba Cloud).
 */
export const SALESFORCE_HOSTS: readonly string[] = [
  'login.salesforce.com',
  'test.salesforce.com',
  '*.my.salesforce.com',
  '*.salesforce.com',
  '*.force.com',
  '*.cloudforce.com',
  '*.salesforce.mil',
  '*.sfcrmproducts.cn',
];
