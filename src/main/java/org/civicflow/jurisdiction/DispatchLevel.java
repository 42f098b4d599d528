package org.civicflow.jurisdiction;

/** The level of the office that receives a case: how far down the tree its jurisdiction is known. */
public enum DispatchLevel {
    /** Neither district nor subdistrict known: the city 12345 dispatch centre decides. */
    CITY,
    /** The district is known; its dispatch desk chooses the subdistrict. */
    DISTRICT,
    /** Both are known: straight to the subdistrict office. */
    SUBDISTRICT
}
