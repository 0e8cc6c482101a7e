export { presentRowProperties } from "../domain/properties/row-present.ts";
