import { describe, expect, it } from 'vitest';
import { CATEGORIES, mostDemanding, NAMED_CATEGORIES } from '../../src/domain/categories.js';

describe('categories', () => {
  it('follow Art. 21 in its order, important communication products second', () => {
    expect(CATEGORIES).toEqual([
      'core_network_equipment',
      'important_communication_products',
      'hpc_servers',
      'large_storage',
      'large_database_software',
      'network_security_equipment',
      'cloud_services',
      'other_network_product',
      'not_network_product',
    ]);
  });

  it('seven are named by Art. 21', () => {
    expect([...NAMED_CATEGORIES].sort()).toEqual([
      'cloud_services',
      'core_network_equipment',
      'hpc_servers',
      'important_communication_products',
      'large_database_software',
      'large_storage',
      'network_security_equipment',
    ]);
  });

  // named > other network product > not a network product; ties keep the item named first.
  it.each([
    [['not_network_product', 'other_network_product'], 'other_network_product'],
    [['other_network_product', 'network_security_equipment', 'not_network_product'], 'network_security_equipment'],
    [['not_network_product', 'important_communication_products'], 'important_communication_products'],
    [['hpc_servers', 'core_network_equipment'], 'hpc_servers'],
    [['core_network_equipment', 'hpc_servers'], 'core_network_equipment'],
    [['not_network_product'], 'not_network_product'],
    [[], null],
  ] as const)('most demanding of %j is %j', (list, expected) => {
    expect(mostDemanding(list)).toBe(expected);
  });
});
