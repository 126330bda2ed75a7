-- application password of keeper: bE8pkDPeyA9XKvLSgBJHNQXJ
/*M!999999\- enable the sandbox mode */ 
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `app_passwords` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `uuid` varchar(36) NOT NULL,
  `user_id` bigint(20) unsigned NOT NULL,
  `app_id` varchar(36) NOT NULL DEFAULT '',
  `name` varchar(255) NOT NULL,
  `hash` varchar(128) NOT NULL,
  `created` datetime(3) NOT NULL,
  `last_used` datetime(3) DEFAULT NULL,
  `last_ip` varchar(45) NOT NULL DEFAULT '',
  `expires` datetime(3) DEFAULT NULL,
  `scope` varchar(16) NOT NULL DEFAULT 'full',
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_app_passwords_uuid` (`uuid`),
  KEY `idx_app_passwords_user_hash` (`user_id`,`hash`)
) ENGINE=InnoDB AUTO_INCREMENT=2 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `app_passwords` VALUES (1,'2c4da5a6-15a0-4ef2-97b9-3aa546e44b87',6,'','Earlier commit','$generic$8nNSVe176dSCTD9rAWiMqED5gqSJ_zIUru8ijoI3','2026-12-07 03:54:19.000','2026-12-07 03:54:19.000','127.0.0.1',NULL,'full');
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `audit_events` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `time` datetime(3) NOT NULL,
  `event` varchar(40) NOT NULL,
  `user_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `actor_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `ip` varchar(45) NOT NULL DEFAULT '',
  `user_agent` varchar(255) NOT NULL DEFAULT '',
  `login` varchar(191) NOT NULL DEFAULT '',
  `app_password` varchar(36) NOT NULL DEFAULT '',
  `detail` varchar(255) NOT NULL DEFAULT '',
  PRIMARY KEY (`id`),
  KEY `idx_audit_events_time` (`time`),
  KEY `idx_audit_events_event` (`event`),
  KEY `idx_audit_events_user` (`user_id`)
) ENGINE=InnoDB AUTO_INCREMENT=4 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `audit_events` VALUES (1,'2026-12-07 03:54:19.000','app_password_created',6,0,'','','','2c4da5a6-15a0-4ef2-97b9-3aa546e44b87','Earlier commit');
INSERT INTO `audit_events` VALUES (2,'2026-12-07 03:54:19.000','app_password_new_address',6,0,'127.0.0.1','curl/7.88.1','','2c4da5a6-15a0-4ef2-97b9-3aa546e44b87','Earlier commit');
INSERT INTO `audit_events` VALUES (3,'2026-12-07 03:54:19.000','login_failed',0,0,'127.0.0.1','curl/7.88.1','keeper','','');
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `auth_epochs` (
  `id` bigint(20) unsigned NOT NULL,
  `version` bigint(20) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `auth_epochs` VALUES (1,8);
INSERT INTO `auth_epochs` VALUES (2,48);
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `auth_throttles` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `scope` varchar(8) NOT NULL,
  `key` varchar(191) NOT NULL,
  `failures` bigint(20) NOT NULL DEFAULT 0,
  `window_start` datetime(3) DEFAULT NULL,
  `locked_until` datetime(3) DEFAULT NULL,
  `locks` bigint(20) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_auth_throttles_key` (`scope`,`key`),
  KEY `idx_auth_throttles_locked` (`locked_until`)
) ENGINE=InnoDB AUTO_INCREMENT=2 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `auth_throttles` VALUES (1,'ip','127.0.0.1',1,'2026-12-07 03:54:19.000',NULL,0);
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `comments` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `post_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `author_name` text NOT NULL,
  `author_email` varchar(100) NOT NULL DEFAULT '',
  `author_url` varchar(200) NOT NULL DEFAULT '',
  `author_ip` varchar(100) NOT NULL DEFAULT '',
  `date` datetime(3) NOT NULL,
  `date_gmt` datetime(3) NOT NULL,
  `content` text NOT NULL,
  `approved` varchar(20) NOT NULL DEFAULT '1',
  `agent` varchar(255) NOT NULL DEFAULT '',
  `type` varchar(20) NOT NULL DEFAULT 'comment',
  `parent_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `user_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `trashed_from` varchar(20) NOT NULL DEFAULT '',
  PRIMARY KEY (`id`),
  KEY `idx_comments_post_approved` (`post_id`,`approved`,`date_gmt`),
  KEY `idx_comments_author_email` (`author_email`),
  KEY `idx_comments_date_gmt` (`date_gmt`),
  KEY `idx_comments_parent` (`parent_id`),
  KEY `idx_comments_user` (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `login_challenges` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `user_id` bigint(20) unsigned NOT NULL,
  `token_hash` varchar(64) NOT NULL,
  `remember` tinyint(1) NOT NULL DEFAULT 0,
  `redirect_to` varchar(2048) NOT NULL DEFAULT '',
  `attempts` bigint(20) NOT NULL DEFAULT 0,
  `expires` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_login_challenges_token` (`token_hash`),
  KEY `idx_login_challenges_user` (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `options` (
  `name` varchar(191) NOT NULL,
  `value` text NOT NULL,
  PRIMARY KEY (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `options` VALUES ('admin_email','admin@example.com');
INSERT INTO `options` VALUES ('blog_public','1');
INSERT INTO `options` VALUES ('blogdescription','Just another PressPass site');
INSERT INTO `options` VALUES ('blogname','PressPass Demo');
INSERT INTO `options` VALUES ('date_format','F j, Y');
INSERT INTO `options` VALUES ('default_category','1');
INSERT INTO `options` VALUES ('default_comment_status','open');
INSERT INTO `options` VALUES ('default_ping_status','open');
INSERT INTO `options` VALUES ('default_role','subscriber');
INSERT INTO `options` VALUES ('gmt_offset','0');
INSERT INTO `options` VALUES ('posts_per_page','10');
INSERT INTO `options` VALUES ('start_of_week','1');
INSERT INTO `options` VALUES ('time_format','g:i a');
INSERT INTO `options` VALUES ('timezone_string','');
INSERT INTO `options` VALUES ('users_can_register','0');
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `posts` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `author_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `type` varchar(20) NOT NULL DEFAULT 'post',
  `status` varchar(20) NOT NULL DEFAULT 'publish',
  `date` datetime(3) NOT NULL,
  `date_gmt` datetime(3) NOT NULL,
  `modified` datetime(3) NOT NULL,
  `modified_gmt` datetime(3) NOT NULL,
  `title` text NOT NULL,
  `content` longtext NOT NULL,
  `excerpt` text NOT NULL,
  `slug` varchar(200) NOT NULL DEFAULT '',
  `password` varchar(255) NOT NULL DEFAULT '',
  `comment_status` varchar(20) NOT NULL DEFAULT 'open',
  `ping_status` varchar(20) NOT NULL DEFAULT 'open',
  `parent_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `menu_order` bigint(20) NOT NULL DEFAULT 0,
  `guid` varchar(255) NOT NULL DEFAULT '',
  `mime_type` varchar(100) NOT NULL DEFAULT '',
  `comment_count` bigint(20) NOT NULL DEFAULT 0,
  `sticky` tinyint(1) NOT NULL DEFAULT 0,
  `format` varchar(20) NOT NULL DEFAULT '',
  `template` varchar(255) NOT NULL DEFAULT '',
  `featured_media_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `idx_posts_author` (`author_id`),
  KEY `idx_posts_type_status_date` (`type`,`status`,`date`),
  KEY `idx_posts_slug` (`slug`),
  KEY `idx_posts_parent` (`parent_id`)
) ENGINE=InnoDB AUTO_INCREMENT=14 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `posts` VALUES (1,1,'post','publish','2024-02-01 10:00:00.000','2024-02-01 10:00:00.000','2024-02-01 10:00:00.000','2024-02-01 10:00:00.000','Welcome to PressPass','<!-- wp:paragraph -->\n<p>Welcome to PressPass body.</p>\n<!-- /wp:paragraph -->','','welcome-to-presspass','','open','open',0,0,'http://127.0.0.1:8080/?p=1','',0,0,'','',0);
INSERT INTO `posts` VALUES (2,1,'post','publish','2024-02-02 10:00:00.000','2024-02-02 10:00:00.000','2024-02-02 10:00:00.000','2024-02-02 10:00:00.000','Application passwords explained','<!-- wp:paragraph -->\n<p>Application passwords explained body.</p>\n<!-- /wp:paragraph -->','','application-passwords-explained','','open','open',0,0,'http://127.0.0.1:8080/?p=2','',0,0,'','',0);
INSERT INTO `posts` VALUES (3,2,'post','publish','2024-02-03 10:00:00.000','2024-02-03 10:00:00.000','2024-02-03 10:00:00.000','2024-02-03 10:00:00.000','Editing guidelines','<!-- wp:paragraph -->\n<p>Editing guidelines body.</p>\n<!-- /wp:paragraph -->','','editing-guidelines','','open','open',0,0,'http://127.0.0.1:8080/?p=3','',0,0,'','',0);
INSERT INTO `posts` VALUES (4,2,'post','draft','2024-02-04 10:00:00.000','0000-00-00 00:00:00.000','2024-02-04 10:00:00.000','2024-02-04 10:00:00.000','Upcoming features','<!-- wp:paragraph -->\n<p>Upcoming features body.</p>\n<!-- /wp:paragraph -->','','','','open','open',0,0,'http://127.0.0.1:8080/?p=4','',0,0,'','',0);
INSERT INTO `posts` VALUES (5,3,'post','publish','2024-02-05 10:00:00.000','2024-02-05 10:00:00.000','2024-02-05 10:00:00.000','2024-02-05 10:00:00.000','A day at the office','<!-- wp:paragraph -->\n<p>A day at the office body.</p>\n<!-- /wp:paragraph -->','','a-day-at-the-office','','open','open',0,0,'http://127.0.0.1:8080/?p=5','',0,0,'','',0);
INSERT INTO `posts` VALUES (6,3,'post','publish','2024-02-06 10:00:00.000','2024-02-06 10:00:00.000','2024-02-06 10:00:00.000','2024-02-06 10:00:00.000','Notes from the road','<!-- wp:paragraph -->\n<p>Notes from the road body.</p>\n<!-- /wp:paragraph -->','','notes-from-the-road','','open','open',0,0,'http://127.0.0.1:8080/?p=6','',0,0,'','',0);
INSERT INTO `posts` VALUES (7,3,'post','draft','2024-02-07 10:00:00.000','0000-00-00 00:00:00.000','2024-02-07 10:00:00.000','2024-02-07 10:00:00.000','Half-written thoughts','<!-- wp:paragraph -->\n<p>Half-written thoughts body.</p>\n<!-- /wp:paragraph -->','','','','open','open',0,0,'http://127.0.0.1:8080/?p=7','',0,0,'','',0);
INSERT INTO `posts` VALUES (8,4,'post','pending','2024-02-08 10:00:00.000','0000-00-00 00:00:00.000','2024-02-08 10:00:00.000','2024-02-08 10:00:00.000','My first contribution','<!-- wp:paragraph -->\n<p>My first contribution body.</p>\n<!-- /wp:paragraph -->','','','','open','open',0,0,'http://127.0.0.1:8080/?p=8','',0,0,'','',0);
INSERT INTO `posts` VALUES (9,4,'post','draft','2024-02-09 10:00:00.000','0000-00-00 00:00:00.000','2024-02-09 10:00:00.000','2024-02-09 10:00:00.000','Ideas for later','<!-- wp:paragraph -->\n<p>Ideas for later body.</p>\n<!-- /wp:paragraph -->','','','','open','open',0,0,'http://127.0.0.1:8080/?p=9','',0,0,'','',0);
INSERT INTO `posts` VALUES (10,1,'post','private','2024-02-10 10:00:00.000','2024-02-10 10:00:00.000','2024-02-10 10:00:00.000','2024-02-10 10:00:00.000','Private roadmap','<!-- wp:paragraph -->\n<p>Private roadmap body.</p>\n<!-- /wp:paragraph -->','','private-roadmap','','open','open',0,0,'http://127.0.0.1:8080/?p=10','',0,0,'','',0);
INSERT INTO `posts` VALUES (11,2,'post','publish','2024-02-11 10:00:00.000','2024-02-11 10:00:00.000','2024-02-11 10:00:00.000','2024-02-11 10:00:00.000','Style guide','<!-- wp:paragraph -->\n<p>Style guide body.</p>\n<!-- /wp:paragraph -->','','style-guide','','open','open',0,0,'http://127.0.0.1:8080/?p=11','',0,0,'','',0);
INSERT INTO `posts` VALUES (12,1,'page','publish','2024-02-12 10:00:00.000','2024-02-12 10:00:00.000','2024-02-12 10:00:00.000','2024-02-12 10:00:00.000','About this site','<!-- wp:paragraph -->\n<p>About this site body.</p>\n<!-- /wp:paragraph -->','','about-this-site','','closed','open',0,0,'http://127.0.0.1:8080/?p=12','',0,0,'','',0);
INSERT INTO `posts` VALUES (13,6,'post','publish','2026-12-07 03:54:19.000','2026-12-07 03:54:19.000','2026-12-07 03:54:19.000','2026-12-07 03:54:19.000','Written by an earlier commit','Kept.','','written-by-an-earlier-commit','','open','open',0,0,'http://127.0.0.1:25684/written-by-an-earlier-commit/','',0,0,'','',0);
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `schema_migrations` (
  `version` bigint(20) NOT NULL,
  `name` varchar(100) NOT NULL,
  `applied_at` datetime(3) NOT NULL,
  PRIMARY KEY (`version`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `schema_migrations` VALUES (1,'users, application passwords, posts, options','2026-12-07 03:54:17.813');
INSERT INTO `schema_migrations` VALUES (2,'auth throttles and audit events','2026-12-07 03:54:17.830');
INSERT INTO `schema_migrations` VALUES (3,'application password expiry and scope','2026-12-07 03:54:17.833');
INSERT INTO `schema_migrations` VALUES (4,'auth epoch','2026-12-07 03:54:17.846');
INSERT INTO `schema_migrations` VALUES (5,'content epoch','2026-12-07 03:54:17.848');
INSERT INTO `schema_migrations` VALUES (300,'posts: featured media','2026-12-07 03:54:17.854');
INSERT INTO `schema_migrations` VALUES (500,'browser sessions','2026-12-07 03:54:17.875');
INSERT INTO `schema_migrations` VALUES (501,'two-factor login challenges and used steps','2026-12-07 03:54:17.949');
INSERT INTO `schema_migrations` VALUES (600,'wordpress import: what was imported','2026-12-07 03:54:17.993');
INSERT INTO `schema_migrations` VALUES (700,'terms and term relationships','2026-12-07 03:54:18.025');
INSERT INTO `schema_migrations` VALUES (701,'default category','2026-12-07 03:54:18.035');
INSERT INTO `schema_migrations` VALUES (702,'file uncategorized posts under the default category','2026-12-07 03:54:18.038');
INSERT INTO `schema_migrations` VALUES (710,'comments','2026-12-07 03:54:18.046');
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `sessions` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `user_id` bigint(20) unsigned NOT NULL,
  `token_hash` varchar(64) NOT NULL,
  `password_version` bigint(20) unsigned NOT NULL DEFAULT 1,
  `remember` tinyint(1) NOT NULL DEFAULT 0,
  `created` datetime(3) NOT NULL,
  `expires` datetime(3) NOT NULL,
  `last_seen` datetime(3) NOT NULL,
  `last_ip` varchar(45) NOT NULL DEFAULT '',
  `last_user_agent` varchar(255) NOT NULL DEFAULT '',
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_sessions_token` (`token_hash`),
  KEY `idx_sessions_user` (`user_id`),
  KEY `idx_sessions_expires` (`expires`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `term_relationships` (
  `post_id` bigint(20) unsigned NOT NULL,
  `term_id` bigint(20) unsigned NOT NULL,
  PRIMARY KEY (`post_id`,`term_id`),
  KEY `idx_term_relationships_term` (`term_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `term_relationships` VALUES (1,1);
INSERT INTO `term_relationships` VALUES (2,1);
INSERT INTO `term_relationships` VALUES (3,1);
INSERT INTO `term_relationships` VALUES (4,1);
INSERT INTO `term_relationships` VALUES (5,1);
INSERT INTO `term_relationships` VALUES (6,1);
INSERT INTO `term_relationships` VALUES (7,1);
INSERT INTO `term_relationships` VALUES (8,1);
INSERT INTO `term_relationships` VALUES (9,1);
INSERT INTO `term_relationships` VALUES (10,1);
INSERT INTO `term_relationships` VALUES (11,1);
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `terms` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `taxonomy` varchar(32) NOT NULL,
  `name` varchar(200) NOT NULL,
  `slug` varchar(200) NOT NULL,
  `description` text NOT NULL,
  `parent_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_terms_taxonomy_slug` (`taxonomy`,`slug`),
  KEY `idx_terms_taxonomy_parent` (`taxonomy`,`parent_id`)
) ENGINE=InnoDB AUTO_INCREMENT=2 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `terms` VALUES (1,'category','Uncategorized','uncategorized','',0);
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `two_factor_steps` (
  `user_id` bigint(20) unsigned NOT NULL,
  `last_step` bigint(20) NOT NULL,
  PRIMARY KEY (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `users` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `login` varchar(60) NOT NULL,
  `email` varchar(100) NOT NULL,
  `nicename` varchar(50) NOT NULL,
  `display_name` varchar(250) NOT NULL,
  `first_name` varchar(250) NOT NULL DEFAULT '',
  `last_name` varchar(250) NOT NULL DEFAULT '',
  `nickname` varchar(250) NOT NULL DEFAULT '',
  `description` text NOT NULL,
  `url` varchar(100) NOT NULL DEFAULT '',
  `locale` varchar(20) NOT NULL DEFAULT '',
  `registered` datetime(3) NOT NULL,
  `role` varchar(40) NOT NULL,
  `password_hash` varchar(255) NOT NULL,
  `password_version` bigint(20) unsigned NOT NULL DEFAULT 1,
  `two_factor_secret` varchar(64) NOT NULL DEFAULT '',
  `two_factor_enabled` tinyint(1) NOT NULL DEFAULT 0,
  `two_factor_recovery` text NOT NULL,
  `app_passwords_disabled` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_users_login` (`login`),
  KEY `idx_users_email` (`email`),
  KEY `idx_users_nicename` (`nicename`),
  KEY `idx_users_role` (`role`)
) ENGINE=InnoDB AUTO_INCREMENT=7 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
INSERT INTO `users` VALUES (1,'admin','admin@example.com','admin','Admin','Admin','Example','admin','','','','2024-01-01 00:00:00.000','administrator','$wp$2y$10$s82HcHYm9WJrH5D3YcY7mOzFehnbZoNC4RKNtLViZFNjXknrzY/EK',1,'',0,'',0);
INSERT INTO `users` VALUES (2,'editor','editor@example.com','editor','Editor','Editor','Example','editor','','','','2024-01-01 00:00:00.000','editor','$wp$2y$10$kOiKLwDc6maF1ZjaO2nMOO/OH9SisZaM9nHpx4eF9oxCGY3yShDP.',1,'',0,'',0);
INSERT INTO `users` VALUES (3,'author','author@example.com','author','Author','Author','Example','author','','','','2024-01-01 00:00:00.000','author','$wp$2y$10$/.XFmubY.JCK7R7AFcbaN.Vkp/Zjdf2xRNAYP3O9ESsITQAw4VZuO',1,'',0,'',0);
INSERT INTO `users` VALUES (4,'contributor','contributor@example.com','contributor','Contributor','Contributor','Example','contributor','','','','2024-01-01 00:00:00.000','contributor','$wp$2y$10$SYUfB/FIAFWtHDFqiUz4T.zPvIHdKWD3OBRYortPdfqPQ6f3TupaW',1,'',0,'',0);
INSERT INTO `users` VALUES (5,'subscriber','subscriber@example.com','subscriber','Subscriber','Subscriber','Example','subscriber','','','','2024-01-01 00:00:00.000','subscriber','$wp$2y$10$RuZ/vaerghG4SwTI87caaehkRdOUlrrtgXeslcoC2aYqoNrz4GAfm',1,'',0,'',0);
INSERT INTO `users` VALUES (6,'keeper','keeper@example.com','keeper','keeper','','','keeper','','','','2026-12-07 03:54:18.000','administrator','$wp$2y$10$vh6yjlnh68hYyNIMz7GdRebuN0Vr9MejKcZASeBBiS8TjlWDLV0U.',2,'',0,'',0);
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `wp_import_app_passwords` (
  `uuid` varchar(36) NOT NULL,
  `user_id` bigint(20) unsigned NOT NULL,
  `imported_at` datetime(3) NOT NULL,
  PRIMARY KEY (`uuid`),
  KEY `idx_wp_import_app_passwords_user` (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `wp_import_users` (
  `user_id` bigint(20) unsigned NOT NULL,
  `login` varchar(60) NOT NULL,
  `source_hash` varchar(255) NOT NULL,
  `imported_at` datetime(3) NOT NULL,
  PRIMARY KEY (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
