import { Hono } from "hono";
import type { AppEnv } from "../app-env";

export const webRoutes = new Hono<AppEnv>();
