/**
 * Jurisdiction: who is responsible for a place. The office tree (city → 38 districts → 1,031
 * subdistricts, {@link org.civicflow.jurisdiction.Divisions}), locating a point in a district
 * ({@link org.civicflow.jurisdiction.DistrictLocator}) and deciding the receiving office of a case from
 * its location, division code and address ({@link org.civicflow.jurisdiction.JurisdictionResolver}).
 * Data and its provenance: {@code src/main/resources/jurisdictions/README.md}.
 */
package org.civicflow.jurisdiction;
