// Every public page type in Mongolian, at /mn: axe, layout at 360 px and 1280 px, the 适老化 toggle.
import { describePublicPagePass } from "./support/public-pages-pass";

describePublicPagePass("mn-Mong");
