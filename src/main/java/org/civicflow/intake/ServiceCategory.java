package org.civicflow.intake;

/** One entry of the service catalogue (the request types citizens can choose, Open311's "services"). */
public record ServiceCategory(String code, String nameZh, String nameEn, String groupCode, String groupZh, String groupEn,
                              String description) {

    /** The bilingual label clerks see: "噪声扰民 Noise". */
    public String label() {
        return nameZh + " " + nameEn;
    }
}
